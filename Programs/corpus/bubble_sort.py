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
    return items

# ---- input ----
ENTRY = "bubble_sort"
DOC = "bubble sort with early exit when a pass makes no swap"
def make_input(rng, size):
    return ([rng.randint(0, 99) for _ in range(size)],)
