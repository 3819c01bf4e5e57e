from week4.cap.etcd_page import check_etcd
from week4.cap.zoom import counterexample_svg

[etcd] = check_etcd(["etcd_091.log"])
print(
    counterexample_svg(
        etcd.history,
        etcd.result.counterexample,
        x_label="line of the Jepsen log",
        title="etcd_091.log: the read that cannot be placed",
    )
)
