require "calc"

RSpec.describe Calc do
  let(:calc) { Calc.new }

  describe "#add" do
    it "adds" do
      expect(calc.add(1, 2)).to eq(3)
    end
  end
end
