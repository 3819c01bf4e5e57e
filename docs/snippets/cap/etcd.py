from week4.cap.figures.etcd_page import check_etcd, etcd_table

# Eight of the 102 etcd histories with a verdict, from Porcupine's test suite.
print(etcd_table(check_etcd()).to_markdown())
