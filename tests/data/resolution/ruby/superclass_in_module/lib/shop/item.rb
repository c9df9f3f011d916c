module Shop
  class Item < Base
    def save
      persist
    end
  end
end
