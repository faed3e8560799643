def checksum(items):
    total = 0
    for i in range(len(items)):
        total += (i + 1) * items[i]
    return total


def bubble_sort(items):
    n = len(items)
    for end in range(n - 1, 0, -1):
        swapped = False
        for i in range(end):
            if items[i] > items[i + 1]:
                items[i], items[i + 1] = items[i + 1], items[i]
                swapped = True
        if not swapped:
            break
    return checksum(items)

# ---- input ----
ENTRY = "bubble_sort"
DOC = "bubble sort with early exit when a pass makes no swap; answers a position-weighted checksum of the sorted list"
def make_input(rng, size):
    return ([rng.randint(0, 99) for _ in range(size)],)
