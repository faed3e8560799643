def checksum(items):
    total = 0
    for i in range(len(items)):
        total += (i + 1) * items[i]
    return total


def merge(a, b):
    out = []
    i = 0
    j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    return out + a[i:] + b[j:]


def merge_sort(items):
    if len(items) <= 1:
        return items
    mid = len(items) // 2
    left = merge_sort(items[:mid])
    right = merge_sort(items[mid:])
    return merge(left, right)


def sorted_checksum(items):
    ordered = merge_sort(items)
    return checksum(ordered)

# ---- input ----
ENTRY = "sorted_checksum"
DOC = "recursive merge sort; answers a position-weighted checksum of the sorted list"
def make_input(rng, size):
    return ([rng.randint(0, 99) for _ in range(max(1, size // 8))],)
