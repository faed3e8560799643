def selection_sort(items):
    n = len(items)
    for i in range(n):
        smallest = i
        for j in range(i + 1, n):
            if items[j] < items[smallest]:
                smallest = j
        items[i], items[smallest] = items[smallest], items[i]
    return items

# ---- input ----
ENTRY = "selection_sort"
DOC = "selection sort, swapping the smallest item into place"
def make_input(rng, size):
    return ([rng.randint(0, 99) for _ in range(size)],)
