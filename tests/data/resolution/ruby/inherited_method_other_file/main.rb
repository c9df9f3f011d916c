sq = Square.new
sq.area
