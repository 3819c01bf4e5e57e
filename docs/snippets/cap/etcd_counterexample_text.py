from week4.cap.figures.etcd_page import check_etcd
from week4.cap.figures.explain import short_description

[etcd] = check_etcd(["etcd_091.log"])
print(short_description(etcd.result.counterexample, last=3))
