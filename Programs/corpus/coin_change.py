def coin_change(coins, amount):
    best = [0] + [amount + 1] * amount
    for value in range(1, amount + 1):
        for coin in coins:
            if coin <= value and best[value - coin] + 1 < best[value]:
                best[value] = best[value - coin] + 1
    if best[amount] > amount:
        return -1
    return best[amount]

# ---- input ----
ENTRY = "coin_change"
DOC = "fewest coins for an amount (bottom-up DP table)"
def make_input(rng, size):
    coins = sorted(rng.sample([1, 2, 3, 5, 7, 10], 3))
    return (coins, max(1, size // 7))
