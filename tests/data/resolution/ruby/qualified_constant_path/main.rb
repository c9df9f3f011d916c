A::B::C.x
