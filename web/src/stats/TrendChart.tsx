// The monthly trend, drawn with ECharts: only the core, the two chart types and the components used are
// imported, and this file is loaded with the statistics page only.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/useI18n.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface TrendPoint {
  month: string;
  received: number;
  completed: number;
  /** On-time rate in percent; null when nothing was completed. */
  onTime: number | null;
}

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(ref.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 56, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: points.map((p) => p.month) },
        yAxis: [
          { type: 'value', name: t('stats.trend.count'), minInterval: 1 },
          { type: 'value', name: '%', min: 0, max: 100 },
        ],
        series: [
          { name: t('stats.kpi.received'), type: 'bar', data: points.map((p) => p.received) },
          { name: t('stats.kpi.completed'), type: 'bar', data: points.map((p) => p.completed) },
          {
            name: t('stats.kpi.onTime'),
            type: 'line',
            yAxisIndex: 1,
            connectNulls: true,
            data: points.map((p) => p.onTime),
          },
        ],
      },
      true,
    );
  }, [points, t]);

  return (
    <div
      ref={ref}
      className="stats-chart"
      data-testid="trend-chart"
      role="img"
      aria-label={t('stats.trend.title')}
    />
  );
}
