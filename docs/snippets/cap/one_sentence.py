from week4.cap.figures.explain import cut_off_story
from week4.cap.figures.page import same_partition

print("CP systems choose consistency, AP systems choose availability.")
print()
# The same partition, {n1,n2} | {n3} from 300 to 700 ms, in two stores:
print(cut_off_story(same_partition(seed=1)))
