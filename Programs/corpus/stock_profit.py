def stock_profit(prices):
    lowest = prices[0]
    best = 0
    for price in prices:
        if price < lowest:
            lowest = price
        elif price - lowest > best:
            best = price - lowest
    return best

# ---- input ----
ENTRY = "stock_profit"
DOC = "best single buy/sell profit"
def make_input(rng, size):
    return ([rng.randint(1, 30) for _ in range(size + 1)],)
