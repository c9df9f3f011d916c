class SlugTest < ActiveSupport::TestCase
  test "makes slugs" do
    Slug.make("A B")
  end
end
