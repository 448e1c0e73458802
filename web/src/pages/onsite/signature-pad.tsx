import { Button, Flex } from 'antd';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useT } from '../../i18n';

export interface SignaturePadHandle {
  /** The drawing as a PNG, or null while nothing is drawn. */
  toBlob(): Promise<Blob | null>;
}

/**
 * A signature drawn with a finger or stylus (pointer events: touch, pen and mouse alike), kept at
 * the device's pixel ratio so the stored PNG is sharp. White background: it is filed as a scan.
 */
export const SignaturePad = forwardRef<
  SignaturePadHandle,
  { height?: number; onChange?: (signed: boolean) => void }
>(function SignaturePad({ height = 220, onChange }, ref) {
  const { t } = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [signed, setSigned] = useState(false);

  const reset = useCallback(() => {
    const c = canvas.current;
    if (!c) {
      return;
    }
    const ratio = window.devicePixelRatio || 1;
    c.width = c.clientWidth * ratio;
    c.height = c.clientHeight * ratio;
    const g = c.getContext('2d');
    if (g) {
      g.setTransform(ratio, 0, 0, ratio, 0, 0);
      g.fillStyle = '#fff';
      g.fillRect(0, 0, c.clientWidth, c.clientHeight);
      g.lineWidth = 2.5;
      g.lineCap = 'round';
      g.lineJoin = 'round';
      g.strokeStyle = '#111';
    }
    setSigned(false);
    onChange?.(false);
  }, [onChange]);

  useEffect(() => reset(), [reset]);

  useImperativeHandle(ref, () => ({
    toBlob: () =>
      new Promise<Blob | null>((resolve) => {
        if (!signed || !canvas.current) {
          resolve(null);
          return;
        }
        canvas.current.toBlob((b) => resolve(b), 'image/png');
      }),
  }));

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };

  return (
    <Flex vertical gap={8}>
      <canvas
        ref={canvas}
        data-testid="signature-pad"
        style={{
          width: '100%',
          height,
          border: '1px dashed #8c8c8c',
          borderRadius: 8,
          touchAction: 'none',
          background: '#fff',
        }}
        onPointerDown={(e) => {
          const g = e.currentTarget.getContext('2d');
          if (!g) {
            return;
          }
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const [x, y] = point(e);
          g.beginPath();
          g.moveTo(x, y);
        }}
        onPointerMove={(e) => {
          const g = e.currentTarget.getContext('2d');
          if (!drawing.current || !g) {
            return;
          }
          const [x, y] = point(e);
          g.lineTo(x, y);
          g.stroke();
          if (!signed) {
            setSigned(true);
            onChange?.(true);
          }
        }}
        onPointerUp={() => {
          drawing.current = false;
        }}
        onPointerCancel={() => {
          drawing.current = false;
        }}
      />
      <Flex justify="end">
        <Button onClick={reset}>{t('onsite.handOver.clear')}</Button>
      </Flex>
    </Flex>
  );
});
