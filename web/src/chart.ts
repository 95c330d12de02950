import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, AriaComponent, SVGRenderer]);

/**
 * Draws an option into an element. SVG, so that print is sharp; ARIA decals (patterns) on every
 * series, so that no information is carried by colour alone.
 */
export function draw(el: HTMLElement, option: echarts.EChartsCoreOption): echarts.ECharts {
  echarts.getInstanceByDom(el)?.dispose();
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  chart.setOption({ aria: { enabled: true, decal: { show: true } }, animation: false, ...option });
  return chart;
}

/** Resizes every chart in the page (the window changed, or print is coming). */
export function resizeAll(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLElement>('.chart')) echarts.getInstanceByDom(el)?.resize();
}
