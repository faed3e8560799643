def merge_intervals(intervals):
    intervals.sort()
    merged = [intervals[0]]
    for start, end in intervals[1:]:
        last = merged[-1]
        if start <= last[1]:
            last[1] = max(last[1], end)
        else:
            merged.append([start, end])
    return merged

# ---- input ----
ENTRY = "merge_intervals"
DOC = "sort intervals then merge overlapping ones"
def make_input(rng, size):
    out = []
    for _ in range(1 + size // 4):
        a = rng.randint(0, 4 * size)
        out.append([a, a + rng.randint(0, 6)])
    # One interval overlaps the first, so at least one merge happens (never the sorted input).
    out.append([out[0][0] + 1, out[0][1] + 3])
    return (out,)
