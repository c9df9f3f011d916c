class B < A
end
