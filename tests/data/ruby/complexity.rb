def classify(n)
  if n < 0
    :negative
  elsif n == 0
    :zero
  else
    :positive
  end
end

def loop_and_rescue(items)
  items.each do |i|
    next unless i
    while i > 0
      i -= 1
    end
  end
  result = items.empty? ? nil : items.first
  result || raise("none")
rescue ArgumentError
  nil
end

def matcher(v)
  case v
  in Integer then 1
  in String if v.empty? then 2
  in _ then 3
  end
end
