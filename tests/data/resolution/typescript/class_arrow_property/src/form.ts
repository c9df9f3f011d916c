export class Form {
  validate(): boolean {
    return true;
  }

  submit = (): boolean => {
    return this.validate();
  };
}

export function send(f: Form): boolean {
  return f.submit();
}
