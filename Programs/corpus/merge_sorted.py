def merge_sorted(a, b):
    i = 0
    j = 0
    merged = []
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            merged.append(a[i])
            i += 1
        else:
            merged.append(b[j])
            j += 1
    while i < len(a):
        merged.append(a[i])
        i += 1
    while j < len(b):
        merged.append(b[j])
        j += 1
    return merged

# ---- input ----
ENTRY = "merge_sorted"
DOC = "merge two sorted lists with two indices"
def make_input(rng, size):
    a = sorted(rng.randint(0, 50) for _ in range(size // 2 + 1))
    b = sorted(rng.randint(0, 50) for _ in range(size - size // 2))
    return (a, b)
