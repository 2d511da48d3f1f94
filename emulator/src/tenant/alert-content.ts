// The content of an alert (title, category, techniques, detection source…): from the catalogue template for generated
// alerts, from the rule for alerts a custom detection rule raised ("Create custom detection rules": the alert takes
// the rule's title, description, severity, category and MITRE techniques).
import { ALERT_TEMPLATES, type AlertTemplate } from "./catalog/alert-templates";
import type { AlertRecord } from "./model";

/** MDE's `detectionSource` for custom detections ("Alert resource type"); Graph spells it `customDetection`. */
export const CUSTOM_DETECTION_SOURCE = "CustomDetection";

const customTemplates = new WeakMap<AlertRecord, AlertTemplate>();

export function templateOf(a: AlertRecord): AlertTemplate {
  if (!a.custom) return ALERT_TEMPLATES[a.template]!;
  let t = customTemplates.get(a);
  if (!t) {
    const c = a.custom;
    t = {
      title: c.title,
      description: c.description,
      category: c.category,
      mitreTechniques: c.mitreTechniques,
      severities: [[a.severity, 1]],
      detectionSource: CUSTOM_DETECTION_SOURCE,
      threatFamilyName: null,
      threatName: null,
      families: [],
      processes: [],
      files: [],
      urls: [],
      ips: [],
      registry: null,
      weight: 0,
      theme: "custom",
    };
    customTemplates.set(a, t);
  }
  return t;
}
