from week4.cap.figures.etcd_page import check_etcd
from week4.cap.figures.zoom import counterexample_svg

[etcd] = check_etcd(["etcd_091.log"])
print(
    counterexample_svg(
        etcd.history,
        etcd.result.counterexample,
        x_label="line of the Jepsen log",
        title="etcd_091.log: the read that cannot be placed",
    )
)
