def update(count, mean, x):
    count += 1
    mean = mean + (x - mean) / count
    return [count, mean]


def running_stats(values):
    count = 0
    mean = 0.0
    low = values[0]
    high = values[0]
    for x in values:
        count, mean = update(count, mean, x)
        if x < low:
            low = x
        if x > high:
            high = x
    return [round(mean, 3), high - low]

# ---- input ----
ENTRY = "running_stats"
DOC = "running mean by a helper returning two values, with min and max carried by the caller"
def make_input(rng, size):
    return ([rng.randint(-50, 50) for _ in range(max(1, size // 9))],)
