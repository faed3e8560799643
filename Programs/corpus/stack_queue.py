def enqueue(inbox, x):
    inbox.append(x)


def dequeue(inbox, outbox):
    if not outbox:
        while inbox:
            outbox.append(inbox.pop())
    return outbox.pop()


def two_stack_queue(ops):
    inbox = []
    outbox = []
    served = []
    for op in ops:
        if op < 0:
            served.append(dequeue(inbox, outbox))
        else:
            enqueue(inbox, op)
    return served

# ---- input ----
ENTRY = "two_stack_queue"
DOC = "a queue made of two stacks; negative numbers dequeue"
def make_input(rng, size):
    ops, depth = [], 0
    for _ in range(max(1, size // 4)):
        if depth and rng.random() < 0.4:
            ops.append(-1)
            depth -= 1
        else:
            ops.append(rng.randint(0, 9))
            depth += 1
    return (ops,)
