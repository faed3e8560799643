def transfer(balances, source, target, amount):
    if balances[source] < amount:
        return 0
    balances[source] -= amount
    balances[target] += amount
    return amount


def settle(balances, transfers):
    moved = 0
    refused = []
    largest = 0
    for source, target, amount in transfers:
        done = transfer(balances, source, target, amount)
        moved += done
        if done == 0:
            refused.append(amount)
        if done > largest:
            largest = done
    return [moved, largest, balances]

# ---- input ----
ENTRY = "settle"
DOC = "transfers between accounts by a helper; the caller carries the total moved, the refused amounts and the largest transfer"
def make_input(rng, size):
    names = ["ann", "bob", "cy", "dee"]
    balances = {}
    for name in names:
        balances[name] = rng.randint(0, 40)
    transfers = []
    for _ in range(max(1, size // 9)):
        source, target = rng.sample(names, 2)
        transfers.append((source, target, rng.randint(1, 30)))
    return (balances, transfers)
