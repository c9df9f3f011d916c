export function persist(obj) {
  return obj.save();
}
