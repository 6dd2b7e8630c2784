import type { DragEvent } from 'react';
import { useRef, useState } from 'react';
import type { NodeTypeInfo } from '../../../pipeline/node-type.ts';
import { readDataUrl } from '../../store/inputs.ts';
import { useEditor } from '../../store/index.ts';

interface Props {
  nodeId: string;
  info: NodeTypeInfo;
  params: Record<string, unknown>;
}

function SampleButton({ nodeId, name }: { nodeId: string; name: string }) {
  const sample = useEditor((s) => s.samples.find((x) => x.input === name));
  const useSample = useEditor((s) => s.useSample);
  if (!sample) return null;
  return (
    <button className="wbutton-small nodrag" onClick={() => void useSample(nodeId, sample)}>
      Use sample
    </button>
  );
}

function ImageInput({ nodeId, name }: { nodeId: string; name: string }) {
  const value = useEditor((s) => s.inputs[nodeId]);
  const setInput = useEditor((s) => s.setInput);
  const picker = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const take = async (file: File | undefined) => {
    if (!file) return;
    const dataUrl = await readDataUrl(file);
    setInput(nodeId, { kind: 'image', dataUrl, name: file.name, bytes: file.size });
  };
  const onDrop = (event: DragEvent) => {
    // The canvas would otherwise read a dropped file as a pipeline to import.
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    void take(event.dataTransfer.files[0]);
  };

  return (
    <div
      className={`winput-image nodrag${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {value?.kind === 'image' ? (
        <img src={value.dataUrl} alt={value.name} title={value.name} />
      ) : (
        <span className="winput-hint">Drop an image here</span>
      )}
      <div className="winput-actions">
        <button className="wbutton-small" onClick={() => picker.current?.click()}>
          Choose image…
        </button>
        <SampleButton nodeId={nodeId} name={name} />
      </div>
      <input
        ref={picker}
        type="file"
        accept="image/*"
        hidden
        aria-label={`Image for ${name}`}
        onChange={(e) => void take(e.target.files?.[0])}
      />
    </div>
  );
}

function TextInput({ nodeId, name }: { nodeId: string; name: string }) {
  const value = useEditor((s) => s.inputs[nodeId]);
  const setInput = useEditor((s) => s.setInput);
  return (
    <div className="winput-text">
      <textarea
        className="nodrag nowheel"
        rows={2}
        placeholder={`Value of “${name}” for the next run`}
        aria-label={`Value of ${name}`}
        value={value?.kind === 'text' ? value.text : ''}
        onChange={(e) =>
          setInput(
            nodeId,
            e.target.value === '' ? undefined : { kind: 'text', text: e.target.value },
          )
        }
      />
      <SampleButton nodeId={nodeId} name={name} />
    </div>
  );
}

/** The value a pipeline input takes in the next run, edited on its node. */
export function InputValueEditor({ nodeId, info, params }: Props) {
  const name = typeof params.name === 'string' ? params.name : nodeId;
  const type = info.outputs[0]?.type;
  return type === 'image' ? (
    <ImageInput nodeId={nodeId} name={name} />
  ) : (
    <TextInput nodeId={nodeId} name={name} />
  );
}
