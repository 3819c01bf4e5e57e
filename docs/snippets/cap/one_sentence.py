import re

from week4.cap.figures.explain import cut_off_story
from week4.cap.figures.page import same_partition


def tenths(text):
    """Virtual times to 0.1 ms, the one precision of these pages."""
    return re.sub(r"\b(\d+\.\d{2,})\b", lambda m: f"{float(m[1]):.1f}", text)


print("CP systems choose consistency, AP systems choose availability.")
print()
# The same partition, {n1,n2} | {n3} from 300 to 700 ms, in two stores:
print(tenths(cut_off_story(same_partition(seed=1))))
