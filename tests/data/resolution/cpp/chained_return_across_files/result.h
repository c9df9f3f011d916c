#pragma once
class Result {
public:
    bool ok() const;
};
