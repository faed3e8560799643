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
    prices, price = [], rng.randint(20, 80)
    for _ in range(size + 1):
        price = max(1, price + rng.randint(-6, 6))
        prices.append(price)
    return (prices,)
