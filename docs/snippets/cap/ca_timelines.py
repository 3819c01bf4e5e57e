from week4.cap.figures.ca_page import ca_variants
from week4.cap.figures.page import mode_timeline

for run in ca_variants(seed=1):
    print(mode_timeline(run))
