module Shop
  # A cart of items.
  class Cart
    def initialize
      @items = []
    end

    def add(item)
      @items << item
      self
    end

    class Line
      def total; 0; end
    end
  end

  class Cart
    # Reopened: the second definition is Cart#2, the same key.
    def clear
      @items.clear
    end
  end

  class Admin::Panel
    def show; end
  end
end

class ::TopLevel
end
