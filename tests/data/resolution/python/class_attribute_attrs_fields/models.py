from dataclasses import dataclass, field
import attr


class Engine:
    def start(self):
        return 1


@dataclass
class Car:
    engine: Engine
    spare: Engine = field(default_factory=Engine)

    @property
    def motor(self) -> Engine:
        return self.engine

    @property
    def backup(self):
        return Engine()


@attr.s
class Boat:
    engine = attr.ib(type=Engine)


def drive(car: Car, boat: Boat):
    car.engine.start()
    car.spare.start()
    car.motor.start()
    car.backup.start()
    boat.engine.start()
    Car(Engine()).engine.start()
