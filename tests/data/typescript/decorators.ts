import { Component, Input, HostListener } from "@angular/core";
import * as ng from "@angular/core";

function log(target: any, key: string) {}

/** The header widget. */
@Component({
  selector: "app-header",
  template: "<h1></h1>",
})
export class HeaderComponent {
  @Input() title: string;

  @Input()
  @log
  subtitle: string;

  /** Handles clicks. */
  @HostListener("click", ["$event"])
  onClick(event: Event): void {
    this.toggle();
  }

  @log
  toggle(): void {}

  @ng.Output() changed = () => {};
}

@log
class Plain {}
