def checksum(items):
    total = 0
    for i in range(len(items)):
        total += (i + 1) * items[i]
    return total


def partition(items, lo, hi):
    pivot = items[hi]
    i = lo
    for j in range(lo, hi):
        if items[j] < pivot:
            items[i], items[j] = items[j], items[i]
            i += 1
    items[i], items[hi] = items[hi], items[i]
    return i


def quicksort(items, lo, hi):
    if lo < hi:
        p = partition(items, lo, hi)
        quicksort(items, lo, p - 1)
        quicksort(items, p + 1, hi)
    return items


def sorted_checksum(items, lo, hi):
    ordered = quicksort(items, lo, hi)
    return checksum(ordered)

# ---- input ----
ENTRY = "sorted_checksum"
DOC = "recursive quicksort with Lomuto partition; answers a position-weighted checksum of the sorted list"
def make_input(rng, size):
    items = [rng.randint(0, 99) for _ in range(max(1, size // 6))]
    return (items, 0, len(items) - 1)
