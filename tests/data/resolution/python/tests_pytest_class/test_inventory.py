from inventory import Inventory


class TestInventory:
    def make(self) -> Inventory:
        inv = Inventory()
        inv.add("x")
        return inv

    def test_size(self):
        inv = self.make()
        assert inv.size() == 1
