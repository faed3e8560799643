def withdraw(balance, amount):
    if amount > balance:
        raise ValueError("insufficient funds")
    return balance - amount


def process(balance, amounts):
    refused = 0
    for amount in amounts:
        if amount >= 0:
            balance += amount
            continue
        try:
            balance = withdraw(balance, -amount)
        except ValueError:
            refused -= amount
    return [balance, refused]

# ---- input ----
ENTRY = "process"
DOC = "deposits and withdrawals; a ValueError raised in the helper is caught by the caller, which sums the refused amounts"
def make_input(rng, size):
    return (rng.randint(0, 20), [rng.randint(-25, 15) for _ in range(max(1, size // 5))])
