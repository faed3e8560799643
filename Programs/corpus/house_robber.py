def house_robber(houses):
    take = 0
    skip = 0
    for money in houses:
        new_take = skip + money
        skip = max(skip, take)
        take = new_take
    return max(take, skip)

# ---- input ----
ENTRY = "house_robber"
DOC = "maximum sum of non-adjacent houses"
def make_input(rng, size):
    return ([rng.randint(0, 20) for _ in range(size)],)
