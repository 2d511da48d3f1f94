// Chart colours chosen for colour-vision deficiency (Okabe–Ito) and to read on both light and dark backgrounds;
// every chart also has a table view, so no figure depends on colour alone.
export const SERIES_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"] as const;

/** Severities step in lightness as well as hue, so they stay ordered in greyscale and in print. */
export const SEVERITY_COLORS: Record<string, string> = {
  Critical: "#A50026",
  High: "#D55E00",
  Medium: "#E69F00",
  Low: "#56B4E9",
};

export const EXPOSURE_COLORS: Record<string, string> = {
  High: "#D55E00",
  Medium: "#E69F00",
  Low: "#009E73",
  None: "#94A3B8",
};
