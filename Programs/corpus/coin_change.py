def coin_change(coins, costs, amount):
    best = [0] + [-1] * amount
    for value in range(1, amount + 1):
        for k in range(len(coins)):
            coin = coins[k]
            if coin <= value and best[value - coin] >= 0:
                total = best[value - coin] + costs[k]
                if best[value] < 0 or total < best[value]:
                    best[value] = total
    return best

# ---- input ----
ENTRY = "coin_change"
DOC = "cheapest way to pay every amount up to a target with coins of seeded costs (bottom-up DP table, the table is the answer)"
def make_input(rng, size):
    # A 1 coin makes every amount reachable.
    coins = [1] + sorted(rng.sample(range(2, 16), 2))
    costs = [rng.randint(1, 9) for _ in coins]
    return (coins, costs, max(1, size // 12))
