from collections import deque


def hot_potato(names, passes):
    queue = deque(names)
    order = []
    while len(queue) > 1:
        for _ in range(passes):
            queue.append(queue.popleft())
        order.append(queue.popleft())
    order.append(queue[0])
    return order

# ---- input ----
ENTRY = "hot_potato"
DOC = "queue simulation with collections.deque"
def make_input(rng, size):
    names = ["ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal"]
    n = 2 + size // 12
    passes = rng.randint(1, 6)
    return ([rng.choice(names) + str(i) for i in range(n)], passes)
