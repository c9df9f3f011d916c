module A
  module B
    class C
      def self.x; end
    end
  end
end
