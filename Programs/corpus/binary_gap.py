def binary_gap(n):
    best = 0
    last = -1
    position = 0
    while n > 0:
        if n % 2 == 1:
            if last >= 0 and position - last > best:
                best = position - last
            last = position
        n //= 2
        position += 1
    return best


def gaps(nums):
    out = []
    for n in nums:
        out.append(binary_gap(n))
    return out

# ---- input ----
ENTRY = "gaps"
DOC = "longest distance between ones in binary (bit loop per number)"
def make_input(rng, size):
    return ([rng.randint(1, 4095) for _ in range(max(1, size // 40))],)
