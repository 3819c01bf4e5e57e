from week4.render import trace_table
from week4.sim import Constant, Link, Network, Node, Simulator


class Greeter(Node):
    def on_message(self, src, message):
        if message == "hello":
            self.send(src, "hello back")


sim = Simulator(seed=1)
net = Network(sim, Link(latency=Constant(5.0)))
alice, bob = Greeter("alice"), Greeter("bob")
net.add(alice, bob)
alice.send("bob", "hello")
sim.run()
print(trace_table(sim.trace).to_markdown())
