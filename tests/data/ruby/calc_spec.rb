require "calc"

RSpec.describe Calc do
  let(:calc) { Calc.new }
  subject(:sum) { calc.add(1, 2) }

  describe "#add" do
    it "adds numbers" do
      expect(calc.add(1, 2)).to eq(3)
    end

    context "with negatives" do
      it "still adds" do
        expect(sum).to eq(3)
      end
    end
  end

  it { is_expected.to be_a(Calc) }

  def helper_value
    Calc.new.add(2, 2)
  end

  specify "helpers count" do
    helper_value
  end
end
