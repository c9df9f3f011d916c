#pragma once
namespace core {
class Object {
public:
    int id() const;
};
}
