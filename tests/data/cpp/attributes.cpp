[[nodiscard]] int must_use() { return 1; }

[[deprecated("use must_use")]] int old() { return must_use(); }

class [[nodiscard]] Handle {
public:
    [[nodiscard]] bool valid() const noexcept { return true; }
    [[maybe_unused]] static int count() { return 0; }
};

__attribute__((noinline)) int gnu_style() { return 3; }

[[noreturn]] void fail();
