def fill(stock, item, wanted):
    have = stock.get(item, 0)
    sent = min(have, wanted)
    stock[item] = have - sent
    return sent


def run_orders(stock, orders):
    shipped = 0
    short = 0
    last_short = ""
    for item, wanted in orders:
        sent = fill(stock, item, wanted)
        shipped += sent
        if sent < wanted:
            short += wanted - sent
            last_short = item
    return [shipped, short, last_short]

# ---- input ----
ENTRY = "run_orders"
DOC = "orders filled from a stock dict by a helper; the caller carries shipped, short and last_short"
def make_input(rng, size):
    items = ["nut", "bolt", "gear", "pin", "cog"]
    stock = {}
    for item in items:
        stock[item] = rng.randint(0, 3 + size // 4)
    orders = [(rng.choice(items), rng.randint(1, 5)) for _ in range(max(1, size // 8))]
    return (stock, orders)
