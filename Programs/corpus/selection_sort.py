def checksum(items):
    total = 0
    for i in range(len(items)):
        total += (i + 1) * items[i]
    return total


def selection_sort(items):
    n = len(items)
    for i in range(n):
        smallest = i
        for j in range(i + 1, n):
            if items[j] < items[smallest]:
                smallest = j
        items[i], items[smallest] = items[smallest], items[i]
    return checksum(items)

# ---- input ----
ENTRY = "selection_sort"
DOC = "selection sort, swapping the smallest item into place; answers a position-weighted checksum of the sorted list"
def make_input(rng, size):
    return ([rng.randint(0, 99) for _ in range(size)],)
