struct Cat { void speak() {} };

template <typename T>
void talk(T& t) { t.speak(); }
