def checksum(items):
    total = 0
    for i in range(len(items)):
        total += (i + 1) * items[i]
    return total


def insertion_sort(items):
    for i in range(1, len(items)):
        key = items[i]
        j = i - 1
        while j >= 0 and items[j] > key:
            items[j + 1] = items[j]
            j -= 1
        items[j + 1] = key
    return checksum(items)

# ---- input ----
ENTRY = "insertion_sort"
DOC = "insertion sort, shifting larger items right; answers a position-weighted checksum of the sorted list"
def make_input(rng, size):
    return ([rng.randint(0, 99) for _ in range(size)],)
