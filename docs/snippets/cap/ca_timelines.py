from week4.cap.ca_page import ca_variants
from week4.cap.page import mode_timeline

for run in ca_variants(seed=1):
    print(mode_timeline(run))
